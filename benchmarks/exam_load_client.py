"""The exam load benchmark's simulated candidates: asyncio, raw HTTP/1.1, no dependency.

Each candidate behaves as the exam page does: it changes 1–3 answers at a time, numbering
every change with the attempt's increasing sequence number, keeps what the server has not
acknowledged in an outbox and sends the outbox again with its next save, beats a
heartbeat, and submits at the end. Latency is measured from the moment a request was due
(not when a connection became free), so a server that falls behind shows it. An answer is
acknowledged only by a 200 that lists its slot in ``saved`` or ``stale``; the highest
acknowledged (seq, response) per (attempt, slot) is what the database must hold at the end.

Used by benchmarks/exam_load.py (run that file, not this one).
"""

import asyncio
import json
import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

ESSAY = "ta có đạo hàm y' bằng ba x bình phương không âm nên hàm số đồng biến trên ℝ"
ESSAY_WORDS = ESSAY.split(" ")
NUMERIC = ["1", "-1,5", "0,5", "12", "3,14", "-2", "0"]


@dataclass
class Plan:
    """The run's timetable in seconds from the start (``phases`` label latencies)."""

    seconds: float
    start_window: float
    submit_window: float
    interval: float
    heartbeat: float
    drop: float = 0.0  # share of steady-phase saves whose connection is dropped mid-request

    @property
    def submit_from(self) -> float:
        return self.seconds - self.submit_window

    def phase(self, t: float) -> str:
        if t < self.start_window:
            return "start"
        return "submit" if t >= self.submit_from else "steady"


@dataclass
class Results:
    latencies: dict = field(default_factory=lambda: defaultdict(list))  # (kind, phase) → s
    statuses: Counter = field(default_factory=Counter)  # (kind, status or error) → n
    acked: dict = field(default_factory=dict)  # (attempt, slot) → (seq, response)
    answers_sent: int = 0
    answers_acked: int = 0
    dropped: int = 0
    done_at: dict = field(default_factory=lambda: defaultdict(list))  # kind → [t of a 200]


def _response(kind: tuple[str, int], seq: int, rng: random.Random):
    qtype, width = kind
    if qtype == "single_choice":
        return rng.randrange(max(width, 1))
    if qtype == "multiple_choice":
        return sorted(rng.sample(range(width), rng.randint(1, max(width, 1))))
    if qtype == "true_false":
        return [rng.random() < 0.5 for _ in range(width)]
    if qtype == "short_numeric":
        return rng.choice(NUMERIC)
    words = rng.choices(ESSAY_WORDS, k=rng.randint(10, 60))
    return f"Lần {seq}: " + " ".join(words)


class Http:
    """A small HTTP/1.1 client over asyncio streams: at most ``limit`` requests in flight,
    keep-alive connections reused when the server keeps them (gunicorn's sync workers
    close every connection; gthread keeps them)."""

    def __init__(self, port: int, limit: int, timeout: float = 30.0):
        self.port, self.timeout = port, timeout
        self.gate = asyncio.Semaphore(limit)
        self.idle: list = []
        self.reconnects = 0

    async def _connect(self):
        return await asyncio.open_connection("127.0.0.1", self.port)

    @staticmethod
    def _request(path: str, token: str, body: bytes) -> bytes:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Exam-Token: {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        return head.encode() + body

    @staticmethod
    async def _read(reader) -> tuple[int, bytes, bool]:
        status_line = await reader.readline()
        if not status_line:
            raise ConnectionResetError("closed before the response")
        status = int(status_line.split()[1])
        length, chunked, keep = 0, False, True
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif name == "connection" and value == "close":
                keep = False
        if not chunked:
            return status, await reader.readexactly(length), keep
        body = b""
        while True:
            size = int((await reader.readline()).strip() or b"0", 16)
            if size == 0:
                await reader.readline()
                return status, body, keep
            body += await reader.readexactly(size)
            await reader.readline()

    async def post(self, path: str, token: str, payload: dict, *, drop: str = ""):
        """(status, parsed JSON or None). ``drop``: "body" closes the connection halfway
        through the body, "response" right after sending, before any answer."""
        body = json.dumps(payload, ensure_ascii=False).encode()
        data = self._request(path, token, body)
        async with self.gate:
            reused = bool(self.idle)
            reader, writer = self.idle.pop() if reused else await self._connect()
            try:
                if drop == "body":
                    writer.write(data[: len(data) - len(body) // 2 - 1])
                    await writer.drain()
                if drop:
                    if drop == "response":
                        writer.write(data)
                        await writer.drain()
                    writer.transport.abort()
                    return "dropped", None
                writer.write(data)
                await writer.drain()
                status, raw, keep = await asyncio.wait_for(self._read(reader), self.timeout)
            except (ConnectionError, asyncio.IncompleteReadError) as exc:
                writer.transport.abort()
                if reused:  # a keep-alive connection the server closed: once more, fresh
                    self.reconnects += 1
                    return await self._fresh(data)
                return type(exc).__name__, None
            except TimeoutError:
                writer.transport.abort()
                return "timeout", None
        if keep:
            self.idle.append((reader, writer))
        else:
            writer.close()
        return status, json.loads(raw) if raw else None

    async def _fresh(self, data: bytes):
        reader, writer = await self._connect()
        try:
            writer.write(data)
            await writer.drain()
            status, raw, keep = await asyncio.wait_for(self._read(reader), self.timeout)
        except (ConnectionError, asyncio.IncompleteReadError) as exc:
            writer.transport.abort()
            return type(exc).__name__, None
        except TimeoutError:
            writer.transport.abort()
            return "timeout", None
        if keep:
            self.idle.append((reader, writer))
        else:
            writer.close()
        return status, json.loads(raw) if raw else None


class Candidate:
    def __init__(self, seat, rng: random.Random):
        self.seat, self.rng = seat, rng
        self.seq = 0
        self.outbox: dict[int, dict] = {}
        #: When the server last answered (a save's answer counts: it carries the clock and
        #: the deadline, so exam.js beats only after ``--heartbeat`` seconds of silence).
        self.last_contact = 0.0

    def change(self, count: int) -> None:
        slots = self.rng.sample(range(len(self.seat.kinds)), min(count, len(self.seat.kinds)))
        for slot in slots:
            self.seq += 1
            self.outbox[slot] = {
                "slot": slot,
                "seq": self.seq,
                "response": _response(self.seat.kinds[slot], self.seq, self.rng),
                "flagged": self.rng.random() < 0.05,
            }

    def acknowledge(self, sent: list[dict], body: dict, results: Results) -> None:
        confirmed = {r["slot"] for r in body.get("saved", [])}
        confirmed |= {r["slot"] for r in body.get("stale", [])}
        for answer in sent:
            if answer["slot"] not in confirmed:
                continue
            key = (self.seat.attempt, answer["slot"])
            if key not in results.acked or results.acked[key][0] < answer["seq"]:
                results.acked[key] = (answer["seq"], answer["response"])
            results.answers_acked += 1
            held = self.outbox.get(answer["slot"])
            if held is not None and held["seq"] <= answer["seq"]:
                del self.outbox[answer["slot"]]


class Load:
    def __init__(self, seats, plan: Plan, http: Http, *, seed: int = 18):
        self.plan, self.http = plan, http
        self.rng = random.Random(seed)
        self.candidates = [Candidate(s, random.Random(seed + s.attempt)) for s in seats]
        self.results = Results()
        self.t0 = 0.0

    def now(self) -> float:
        return time.monotonic() - self.t0

    async def _until(self, t: float) -> None:
        wait = t - self.now()
        if wait > 0:
            await asyncio.sleep(wait)

    def _record(self, kind: str, due: float, status) -> None:
        done = self.now()
        self.results.statuses[(kind, status)] += 1
        if status == 200:
            self.results.latencies[(kind, self.plan.phase(due))].append(done - due)
            self.results.done_at[kind].append(done)

    async def save(self, c: Candidate, due: float, changes: int, *, may_drop: bool) -> None:
        c.change(changes)
        sent = list(c.outbox.values())
        drop = ""
        if may_drop and self.rng.random() < self.plan.drop:
            drop = self.rng.choice(["body", "response"])
            self.results.dropped += 1
        self.results.answers_sent += len(sent)
        status, body = await self.http.post(
            f"/thi/bai/{c.seat.attempt}/luu/", c.seat.token, {"answers": sent}, drop=drop
        )
        if status == "dropped":
            return
        self._record("save", due, status)
        if status == 200:
            c.last_contact = self.now()
            c.acknowledge(sent, body, self.results)

    async def heartbeat(self, c: Candidate, first: float) -> None:
        """As exam.js: a beat after ``plan.heartbeat`` seconds without any answer."""
        c.last_contact = max(c.last_contact, first)
        while True:
            due = c.last_contact + self.plan.heartbeat
            if due >= self.plan.submit_from:
                return
            await self._until(due)
            if self.now() - c.last_contact < self.plan.heartbeat:
                continue  # a save was answered meanwhile
            status, _ = await self.http.post(f"/thi/bai/{c.seat.attempt}/nhip/", c.seat.token, {})
            self._record("heartbeat", due, status)
            c.last_contact = self.now()

    async def submit(self, c: Candidate, due: float) -> None:
        await self._until(due)
        sent = list(c.outbox.values())
        for _try in range(3):
            status, _body = await self.http.post(
                f"/thi/bai/{c.seat.attempt}/nop/", c.seat.token, {"answers": sent}
            )
            self._record("submit", due, status)
            if status == 200:
                # The submit saved these answers first (or failed with an error status).
                c.acknowledge(sent, {"saved": sent}, self.results)
                return
            if isinstance(status, int):
                return

    async def candidate(self, c: Candidate) -> None:
        plan = self.plan
        begin = c.rng.uniform(0, plan.start_window)
        await self._until(begin)
        beat = None
        if plan.heartbeat:
            beat = asyncio.ensure_future(self.heartbeat(c, begin))
        await self.save(c, begin, c.rng.randint(1, 3), may_drop=False)
        due = begin + plan.interval * c.rng.uniform(0.5, 1.5)
        while due < plan.submit_from:
            await self._until(due)
            steady = plan.phase(due) == "steady"
            await self.save(c, due, c.rng.randint(1, 3), may_drop=steady)
            due += plan.interval * c.rng.uniform(0.5, 1.5)
        await self.submit(c, c.rng.uniform(plan.submit_from, plan.seconds))
        if beat is not None:
            await beat

    async def run(self, faults=None, *, drain: float = 60.0) -> float:
        """Run every candidate; ``faults(load)`` runs beside them. Returns the wall time."""
        self.t0 = time.monotonic()
        tasks = [asyncio.ensure_future(self.candidate(c)) for c in self.candidates]
        extra = [asyncio.ensure_future(faults(self))] if faults else []
        done, pending = await asyncio.wait(tasks + extra, timeout=self.plan.seconds + drain)
        for task in pending:
            task.cancel()
        for task in done:
            if task.exception() is not None:
                raise task.exception()
        self.results.statuses[("candidate", "unfinished")] += len(pending)
        for _reader, writer in self.http.idle:
            writer.close()
        return self.now()


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]
