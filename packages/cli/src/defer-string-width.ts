// Makes every `import ... from "string-width"` in this process get ./lazy-string-width.ts, which loads the real
// module only when a width is asked for (see there why). A resolve hook of module.registerHooks (Node >= 22.15);
// on an older Node this does nothing and string-width loads as before.
import nodeModule from "node:module";

type ResolveHook = (
  specifier: string,
  context: object,
  nextResolve: (specifier: string, context: object) => { url: string },
) => { url: string; shortCircuit?: boolean };

export function deferStringWidth(): void {
  const { registerHooks } = nodeModule as { registerHooks?: (hooks: { resolve: ResolveHook }) => unknown };
  if (!registerHooks) return;
  const lazy = new URL("./lazy-string-width.js", import.meta.url);
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      if (specifier !== "string-width") return resolved;
      lazy.searchParams.set("of", resolved.url);
      return { ...resolved, url: lazy.href, shortCircuit: true };
    },
  });
}
