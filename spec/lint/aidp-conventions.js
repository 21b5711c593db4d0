// Redocly plugin: conventions of this API that configurable rules cannot express
// (their `where` narrowing stops at the first level, so "every property of every schema" is out of reach).

/** Every property of an object schema has a description of its own or via its $ref target. */
function propertyDescription() {
  return {
    Schema: {
      enter(schema, ctx) {
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          const resolved = property?.$ref ? ctx.resolve(property).node : property;
          if (typeof resolved?.description !== "string" || resolved.description.trim() === "") {
            ctx.report({
              message: `Property \`${name}\` has no description.`,
              location: ctx.location.child(["properties", name]).key(),
            });
          }
        }
      },
    },
  };
}

export default function aidpConventionsPlugin() {
  return {
    id: "aidp",
    rules: {
      oas3: { "property-description": propertyDescription },
    },
  };
}
