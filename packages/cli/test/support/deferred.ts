// A promise and the function that settles it, apart: for a test that waits until a fake service or a reader has
// reached a given point (a request answered, a reader gone).

export interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

export function deferred(): Deferred {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
