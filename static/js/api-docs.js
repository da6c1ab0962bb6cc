// Starts Swagger UI on /api/v1/docs (templates/ninja/swagger.html) from the settings the
// server wrote as JSON: a script file, since the site's CSP runs no inline script.
const settings = JSON.parse(document.getElementById("swagger-settings").textContent);
const csrf = document.body.dataset;

settings.dom_id = "#swagger-ui";
settings.presets = [SwaggerUIBundle.presets.apis];
if (csrf.apiCsrf && csrf.csrfToken) {
  settings.requestInterceptor = (request) => {
    request.headers["X-CSRFToken"] = csrf.csrfToken;
    return request;
  };
}
window.ui = SwaggerUIBundle(settings);
