// The handles that stand for exports' PAR URLs: random, long enough not to be guessed, expiring, bounded in
// number, and every URL they stand for registered with the redactor.
import { expect, it } from "vitest";
import { LogHandles } from "../src/log-handles.ts";
import { Redactor } from "../src/redaction.ts";

const URL_A = "https://objectstorage.example.com/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAA/n/ns/b/b/o/a.log";
const URL_B = "https://objectstorage.example.com/p/BBBBBBBBBBBBBBBBBBBBBBBBBBBB/n/ns/b/b/o/b.log";

it("gives a different random handle of at least 128 bits for each export, holding nothing of the URL", () => {
  const handles = new LogHandles({ ttlMs: 60_000, redactor: new Redactor() });
  const made = Array.from({ length: 50 }, () => handles.create(URL_A).logHandle);
  expect(new Set(made).size).toBe(50);
  for (const handle of made) {
    expect(handle).toMatch(/^log_[A-Za-z0-9_-]+$/);
    expect(Buffer.from(handle.slice(4), "base64url").byteLength * 8).toBeGreaterThanOrEqual(128);
    expect(URL_A).not.toContain(handle.slice(4, 12));
  }
  expect(handles.parUrlOf(made[0] as string)).toBe(URL_A);
});

it("expires a handle after its time to live, and says when", () => {
  let now = Date.parse("2026-12-07T00:00:00Z");
  const handles = new LogHandles({ ttlMs: 3_600_000, redactor: new Redactor(), now: () => now });
  const { logHandle, expiresAt } = handles.create(URL_A);
  expect(expiresAt).toBe("2026-12-07T01:00:00.000Z");
  now += 3_599_999;
  expect(handles.parUrlOf(logHandle)).toBe(URL_A);
  now += 1;
  expect(handles.parUrlOf(logHandle)).toBeUndefined();
});

it("keeps at most maxHandles, dropping the oldest", () => {
  const handles = new LogHandles({ ttlMs: 60_000, redactor: new Redactor(), maxHandles: 2 });
  const first = handles.create(URL_A).logHandle;
  const second = handles.create(URL_B).logHandle;
  const third = handles.create(URL_A).logHandle;
  expect([first, second, third].map((handle) => handles.parUrlOf(handle))).toEqual([undefined, URL_B, URL_A]);
});

it("registers each URL with the redactor, which still hides it after its handle is gone", () => {
  const redactor = new Redactor();
  const handles = new LogHandles({ ttlMs: 60_000, redactor, maxHandles: 1 });
  handles.create("http://127.0.0.1:9/some/unusual/url-shape?sig=abcdef123456");
  handles.create(URL_B);
  expect(redactor.text("see http://127.0.0.1:9/some/unusual/url-shape?sig=abcdef123456 now")).toBe(
    "see [redacted] now",
  );
});
