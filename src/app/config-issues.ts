/** Turns zod's findings about a config into sentences that name the field and, for a typo, the key meant. */
import { closestMatch } from 'leven';
import type { z } from 'zod';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
};

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The keys an object at `path` accepts (wrappers such as default or optional looked through). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.ZodType | undefined = schema;
  let i = 0;
  while (node) {
    const def = defOf(node);
    if (def.type === 'object' && def.shape) {
      if (i === path.length) return Object.keys(def.shape);
      node = def.shape[String(path[i++])];
    } else if (def.type === 'array' || def.type === 'record') {
      if (i === path.length) return [];
      i++;
      node = def.type === 'array' ? def.element : def.valueType;
    } else {
      node = def.innerType ?? def.in;
    }
  }
  return [];
}

function where(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : '(top level)';
}

/** "http.timeoutMS: unknown key; did you mean timeoutMs?" for each unknown key; zod's message for the rest. */
export function describeIssues(schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .flatMap((issue) => {
      if (issue.code !== 'unrecognized_keys') return [`${where(issue.path)}: ${issue.message}`];
      const valid = keysAt(schema, issue.path);
      return issue.keys.map((key) => {
        const near = closestMatch(key.toLowerCase(), valid.map((k) => k.toLowerCase()), { maxDistance: 3 });
        const meant = near === undefined ? undefined : valid.find((k) => k.toLowerCase() === near);
        const hint = meant ? `did you mean ${meant}?` : `valid keys: ${valid.join(', ')}`;
        return `${where([...issue.path, key])}: unknown key; ${hint}`;
      });
    })
    .join('; ');
}
