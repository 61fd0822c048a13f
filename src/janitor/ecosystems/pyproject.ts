/**
 * The packages pyproject.toml declares ([project] dependencies and optional dependencies, [build-system]
 * requires, Poetry's dependency tables), read with the scanners' TOML-based manifest parser, so the janitor
 * updates exactly what the repository declares and nothing uv or Poetry installed beside it.
 */
import { parsePyproject } from '../../scan/deps/manifest-python.js';
import { normalisePythonName } from './names.js';

export interface DeclaredPyproject {
  names: Set<string>;
  /** Why the file could not be read (`not valid TOML (line 3, column 9: …)`). */
  error?: string;
}

export function declaredPyprojectNames(text: string): DeclaredPyproject {
  const parsed = parsePyproject(text);
  const names = new Set(parsed.dependencies.map((dependency) => normalisePythonName(dependency.name)));
  return parsed.error === undefined ? { names } : { names, error: parsed.error };
}
