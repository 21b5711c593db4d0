// The build's guard on its own property shortening (scripts/bundle-entries.ts): no name of
// ./internal-property-names.ts may be a property of any type a user can reach from a public entry's declarations
// (a rename would break their code at run time), and dist must hold none of those names as a property any more
// (a build that stopped shortening them would ship them again, unnoticed). Runs after tsc has written dist's
// declarations.
//
// The declarations are walked type by type, not searched as text: every module has a .d.ts in dist, internal ones
// too (transport.d.ts declares AttemptOutcome beside the public CallSettings), so a text search would forbid every
// name there is.
import { readdirSync, readFileSync } from "node:fs";
import ts from "typescript";
import { INTERNAL_PROPERTY_NAMES } from "./internal-property-names.ts";

const packageDir = new URL("..", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", packageDir), "utf8"));
const publicDeclarations = Object.values(manifest.exports as Record<string, string | { types?: string }>)
  .flatMap((target) => (typeof target === "object" && target.types ? [target.types] : []))
  .map((file) => new URL(file, packageDir).pathname);

const program = ts.createProgram(publicDeclarations, { strict: true, noEmit: true, types: ["node"] });
const checker = program.getTypeChecker();

/** Declared by the runtime or another package's types: its own properties are not ours to check. */
function isForeign(type: ts.Type): boolean {
  const declarations = (type.aliasSymbol ?? type.getSymbol())?.declarations ?? [];
  return (
    declarations.length > 0 &&
    declarations.every((declaration) => {
      const file = declaration.getSourceFile();
      return (
        program.isSourceFileDefaultLibrary(file) ||
        /\/node_modules\/(@types|undici-types)\//.test(file.fileName)
      );
    })
  );
}

const publicNames = new Set<string>();
const seen = new Set<ts.Type>();
function visitType(type: ts.Type) {
  if (seen.has(type)) return;
  seen.add(type);
  // A Promise<Answer> or Record<string, X>: the runtime's type is not ours, its arguments may be.
  const typeArguments = (type as ts.TypeReference).target
    ? checker.getTypeArguments(type as ts.TypeReference)
    : [];
  for (const argument of [...typeArguments, ...(type.aliasTypeArguments ?? [])]) visitType(argument);
  if (isForeign(type)) return;
  if (type.isUnionOrIntersection()) for (const member of type.types) visitType(member);
  for (const property of checker.getPropertiesOfType(type)) {
    publicNames.add(property.getName());
    visitSymbol(property);
  }
  for (const kind of [ts.SignatureKind.Call, ts.SignatureKind.Construct])
    for (const signature of checker.getSignaturesOfType(type, kind)) {
      for (const parameter of signature.getParameters()) visitSymbol(parameter);
      visitType(signature.getReturnType());
    }
  for (const info of checker.getIndexInfosOfType(type)) visitType(info.type);
}
function visitSymbol(symbol: ts.Symbol) {
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  if (declaration) visitType(checker.getTypeOfSymbolAtLocation(symbol, declaration));
}

for (const file of publicDeclarations) {
  const source = program.getSourceFile(file);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`${file}: no declarations to check (run tsc first)`);
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    visitSymbol(symbol);
    if (symbol.flags & ts.SymbolFlags.Type) visitType(checker.getDeclaredTypeOfSymbol(symbol));
  }
}

const problems: string[] = [];
const reachable = INTERNAL_PROPERTY_NAMES.filter((name) => publicNames.has(name));
if (reachable.length > 0)
  problems.push(
    `internal property names that a public type has: ${reachable.join(", ")} (take them out of scripts/internal-property-names.ts)`,
  );
// Proof that the walk saw the public types at all: CallSettings' own fields are public.
for (const name of ["deadline", "timeoutMs", "operation"])
  if (!publicNames.has(name))
    problems.push(`the public types' walk missed CallSettings.${name}: the check is broken`);

const names = INTERNAL_PROPERTY_NAMES.join("|");
/** `{ name:` / `, "name":` (a key, quoted or not), `.name` or `["name"]` (a read). */
const asProperty = new RegExp(
  `[{,]\\s*["']?(${names})["']?\\s*:|\\.(${names})\\b|\\[\\s*["'](${names})["']\\s*\\]`,
);
const distDir = new URL("dist/", packageDir);
for (const file of readdirSync(distDir, { recursive: true, encoding: "utf8" })) {
  if (!file.endsWith(".js")) continue;
  const found = asProperty.exec(readFileSync(new URL(file, distDir), "utf8"));
  if (found)
    problems.push(
      `dist/${file} still has the property name ${found[1] ?? found[2] ?? found[3]} (not shortened)`,
    );
}

if (problems.length > 0) {
  console.error(`check-internal-property-names:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  process.exit(1);
}
