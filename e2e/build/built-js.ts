// Reading built JavaScript as syntax trees (with the TypeScript parser), so the Electron
// configuration check asserts on what the build really contains, not on the sources.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

export function parseBuiltJs(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
}

/** Every node under `root` that passes `test`, depth first. */
export function findAll<T extends ts.Node>(root: ts.Node, test: (node: ts.Node) => node is T): T[] {
  const found: T[] = [];
  const visit = (node: ts.Node): void => {
    if (test(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

export function propertyName(property: ts.ObjectLiteralElementLike): string | undefined {
  if (!ts.isPropertyAssignment(property)) return undefined;
  const { name } = property;
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** The literal value of a property (true/false/string/number), or "non-literal". */
export function literalProperty(object: ts.ObjectLiteralExpression, name: string): boolean | string | number | undefined | 'non-literal' {
  const property = object.properties.find((p) => propertyName(p) === name);
  if (!property || !ts.isPropertyAssignment(property)) return undefined;
  const value = property.initializer;
  if (value.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (value.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isStringLiteral(value)) return value.text;
  if (ts.isNumericLiteral(value)) return Number(value.text);
  return 'non-literal';
}

export function objectProperty(object: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralExpression | undefined {
  const property = object.properties.find((p) => propertyName(p) === name);
  return property && ts.isPropertyAssignment(property) && ts.isObjectLiteralExpression(property.initializer) ? property.initializer : undefined;
}

/** Calls like `x.method("first", ...)`, optionally only those whose first argument is `first`. */
export function methodCalls(root: ts.Node, method: string, first?: string): ts.CallExpression[] {
  return findAll(root, ts.isCallExpression).filter((call) => {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== method) return false;
    if (first === undefined) return true;
    const arg = call.arguments[0];
    return !!arg && ts.isStringLiteral(arg) && arg.text === first;
  });
}

/** The source text of a node, whitespace collapsed, for simple assertions on small functions. */
export function compactText(node: ts.Node): string {
  return node.getText().replace(/\s+/g, ' ');
}

/** The module a name imported by `file` comes from, and its exported name there. */
export function importOf(file: ts.SourceFile, localName: string): { module: string; exported: string } | undefined {
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      if (element.name.text === localName) return { module: statement.moduleSpecifier.text, exported: (element.propertyName ?? element.name).text };
    }
  }
  return undefined;
}

/** The name of the function declaration that contains `node`, if any. */
export function enclosingFunctionName(node: ts.Node): string | undefined {
  let scope: ts.Node | undefined = node.parent;
  while (scope && !ts.isFunctionDeclaration(scope)) scope = scope.parent;
  return scope && ts.isFunctionDeclaration(scope) ? scope.name?.text : undefined;
}

/** Calls of the function `name` anywhere in `root`. */
export function callsOf(root: ts.Node, name: string): ts.CallExpression[] {
  return findAll(root, ts.isCallExpression).filter((c) => ts.isIdentifier(c.expression) && c.expression.text === name);
}

/** True when `call` runs as the module loads: a statement of the file itself, not inside a function. */
export function runsAtModuleLoad(call: ts.CallExpression): boolean {
  return ts.isExpressionStatement(call.parent) && ts.isSourceFile(call.parent.parent);
}
