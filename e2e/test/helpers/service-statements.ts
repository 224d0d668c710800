import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

/** One SQL statement a service sends: where its `.query()` call is, its key and its text. */
export interface ServiceStatement {
  /** The node-postgres `name` when it has one, else the constant that holds the text, else the function (or the module) that sends it. */
  key: string
  /** Repository-relative file and line of the `.query()` call. */
  site: string
  text: string
}

/** Where the services' SQL lives: their own code and the shared packages that send statements for them. */
export const STATEMENT_ROOTS = ['services/incidents-api/src', 'services/intel-requests-api/src', 'packages/dependency-graph/src', 'packages/db/src', 'packages/service-kit/src']

type Value = string | number | boolean | null | undefined | Closure | Variants | Value[] | { [key: string]: Value }

/** A function of the source, called by the evaluator with the arguments it is given. */
class Closure {
  constructor (readonly node: ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration, readonly scope: Scope) {}
}

/** What an expression is when it picks one of several values by a run-time key (`QUERIES[direction]`): each of them. */
class Variants {
  constructor (readonly values: Value[]) {}
}

class Unevaluable extends Error {}

interface Scope {
  file: SourceFileIndex
  names: Map<string, Value>
  parent: Scope | null
}

interface SourceFileIndex {
  path: string
  source: ts.SourceFile
  /** Top-level declarations by name: constants, functions, imports. */
  declarations: Map<string, ts.Node>
}

const files = new Map<string, SourceFileIndex>()

function indexFile (path: string): SourceFileIndex {
  const known = files.get(path)
  if (known) return known
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true)
  const declarations = new Map<string, ts.Node>()
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) declarations.set(declaration.name.text, declaration)
      }
    } else if (ts.isFunctionDeclaration(statement) && statement.name) {
      declarations.set(statement.name.text, statement)
    } else if (ts.isImportDeclaration(statement) && statement.importClause?.namedBindings && ts.isNamedImports(statement.importClause.namedBindings)) {
      for (const element of statement.importClause.namedBindings.elements) declarations.set(element.name.text, element)
    }
  }
  const index = { path, source, declarations }
  files.set(path, index)
  return index
}

function lookup (name: string, scope: Scope): Value {
  for (let s: Scope | null = scope; s; s = s.parent) {
    if (s.names.has(name)) return s.names.get(name)
  }
  const declaration = scope.file.declarations.get(name)
  if (declaration === undefined) throw new Unevaluable(`${name} is not a constant of ${scope.file.path}`)
  const moduleScope: Scope = { file: scope.file, names: new Map(), parent: null }
  if (ts.isVariableDeclaration(declaration)) {
    if (!declaration.initializer || !(declaration.parent.flags & ts.NodeFlags.Const)) throw new Unevaluable(`${name} is not a constant`)
    return evaluate(declaration.initializer, moduleScope)
  }
  if (ts.isFunctionDeclaration(declaration)) return new Closure(declaration, moduleScope)
  if (ts.isImportSpecifier(declaration)) {
    // Only the repository's own modules, by relative path: a package's export is never SQL text here.
    const specifier = (declaration.parent.parent.parent.moduleSpecifier as ts.StringLiteral).text
    if (!specifier.startsWith('.')) throw new Unevaluable(`${name} comes from the package ${specifier}`)
    const target = indexFile(resolve(dirname(scope.file.path), specifier.replace(/\.js$/, '.ts')))
    return lookup((declaration.propertyName ?? declaration.name).text, { file: target, names: new Map(), parent: null })
  }
  throw new Unevaluable(`cannot evaluate ${name}`)
}

function bind (pattern: ts.BindingName, value: Value, names: Map<string, Value>, scope: Scope): void {
  if (ts.isIdentifier(pattern)) {
    names.set(pattern.text, value)
    return
  }
  for (const element of pattern.elements) {
    if (ts.isOmittedExpression(element)) continue
    const key = ts.isObjectBindingPattern(pattern)
      ? ((element.propertyName ?? element.name) as ts.Identifier).text
      : String(pattern.elements.indexOf(element))
    let item = value === null || value === undefined ? undefined : (value as Record<string, Value>)[key]
    if (item === undefined && element.initializer) item = evaluate(element.initializer, scope)
    bind(element.name, item, names, scope)
  }
}

function call (closure: Closure, args: Value[]): Value {
  const names = new Map<string, Value>()
  const scope: Scope = { file: closure.scope.file, names, parent: closure.scope }
  closure.node.parameters.forEach((parameter, i) => {
    let value = args[i]
    if (value === undefined && parameter.initializer) value = evaluate(parameter.initializer, scope)
    bind(parameter.name, value, names, scope)
  })
  const body = closure.node.body
  if (body === undefined) throw new Unevaluable('a function without a body')
  if (!ts.isBlock(body)) return evaluate(body, scope)
  for (const statement of body.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!declaration.initializer) throw new Unevaluable('a variable without a value')
        bind(declaration.name, evaluate(declaration.initializer, scope), names, scope)
      }
    } else if (ts.isReturnStatement(statement) && statement.expression) {
      return evaluate(statement.expression, scope)
    } else {
      throw new Unevaluable(`a function body with ${ts.SyntaxKind[statement.kind]}`)
    }
  }
  throw new Unevaluable('a function that returns nothing')
}

function member (object: Value, key: Value): Value {
  if (object instanceof Variants) return new Variants(object.values.map(value => member(value, key)))
  if (object === null || typeof object !== 'object' || object instanceof Closure) throw new Unevaluable(`no member ${String(key)}`)
  return (object as Record<string, Value>)[String(key)]
}

/** The value of an expression made of literals, templates, constants and calls of the source's own functions. */
function evaluate (node: ts.Expression, scope: Scope): Value {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text
  if (ts.isNumericLiteral(node)) return Number(node.text)
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false
  if (node.kind === ts.SyntaxKind.NullKeyword) return null
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) {
    return evaluate(node.expression, scope)
  }
  if (ts.isTemplateExpression(node)) {
    let text = node.head.text
    for (const span of node.templateSpans) {
      const value = evaluate(span.expression, scope)
      if (typeof value !== 'string' && typeof value !== 'number') throw new Unevaluable(`a template part that is not text: ${span.expression.getText()}`)
      text += String(value) + span.literal.text
    }
    return text
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const [left, right] = [evaluate(node.left, scope), evaluate(node.right, scope)]
    if (typeof left !== 'string' || typeof right !== 'string') throw new Unevaluable('a + of something other than text')
    return left + right
  }
  if (ts.isIdentifier(node)) return lookup(node.text, scope)
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return new Closure(node, scope)
  if (ts.isPropertyAccessExpression(node)) return member(evaluate(node.expression, scope), node.name.text)
  if (ts.isElementAccessExpression(node)) {
    const object = evaluate(node.expression, scope)
    try {
      return member(object, evaluate(node.argumentExpression, scope))
    } catch (error) {
      if (!(error instanceof Unevaluable) || object === null || typeof object !== 'object' || object instanceof Closure || object instanceof Variants) throw error
      return new Variants(Object.values(object))
    }
  }
  if (ts.isObjectLiteralExpression(node)) {
    let objects: Array<Record<string, Value>> = [{}]
    for (const property of node.properties) {
      if (ts.isSpreadAssignment(property)) {
        const spread = evaluate(property.expression, scope)
        const variants = spread instanceof Variants ? spread.values : [spread]
        objects = objects.flatMap(object => variants.map(variant => ({ ...object, ...(variant as Record<string, Value>) })))
      } else if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
        // A statement's values are the caller's run-time data: only its name and text matter here.
        const key = property.name.text
        const value = key === 'values' ? undefined : evaluate(property.initializer, scope)
        for (const object of objects) object[key] = value
      } else if (ts.isShorthandPropertyAssignment(property)) {
        const value = lookup(property.name.text, scope)
        for (const object of objects) object[property.name.text] = value
      } else {
        throw new Unevaluable(`an object property of kind ${ts.SyntaxKind[property.kind]}`)
      }
    }
    return objects.length === 1 ? objects[0]! : new Variants(objects)
  }
  if (ts.isCallExpression(node)) {
    const callee = evaluate(node.expression, scope)
    if (!(callee instanceof Closure)) throw new Unevaluable(`a call of ${node.expression.getText()}`)
    return call(callee, node.arguments.map(argument => evaluate(argument, scope)))
  }
  throw new Unevaluable(`an expression of kind ${ts.SyntaxKind[node.kind]}: ${node.getText()}`)
}

function enclosingFunctionName (node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && n.name) return n.name.getText()
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent)) return n.parent.name.getText()
  }
  return undefined
}

function sourceFiles (directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap(entry => {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/**
 * Every statement sent by a `.query()` call in these files, its text evaluated from the source
 * (constants, templates and the modules' own helpers), one per variant when the call picks its
 * statement by a run-time key. A call whose text cannot be evaluated throws, naming its site.
 */
export function collectStatements (repositoryRoot: string, paths: string[]): ServiceStatement[] {
  const statements: ServiceStatement[] = []
  for (const path of paths) {
    const file = indexFile(resolve(repositoryRoot, path))
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'query' && node.arguments.length > 0) {
        const argument = node.arguments[0]!
        const site = `${relative(repositoryRoot, file.path)}:${file.source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
        let value: Value
        try {
          value = evaluate(argument, { file, names: new Map(), parent: null })
        } catch (error) {
          if (error instanceof Unevaluable) throw new Error(`${site}: the statement's text cannot be read from the source (${error.message})`)
          throw error
        }
        const fallbackKey = ts.isIdentifier(argument) ? argument.text : enclosingFunctionName(node) ?? basename(file.path, '.ts')
        for (const variant of value instanceof Variants ? value.values : [value]) {
          const config = typeof variant === 'string' ? { text: variant } : variant as { name?: Value, text?: Value }
          if (typeof config.text !== 'string') throw new Error(`${site}: the statement has no text`)
          statements.push({ key: typeof config.name === 'string' ? config.name : fallbackKey, site, text: config.text })
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(file.source)
  }
  return statements
}

/** Every TypeScript source file under these repository-relative directories. */
export function sourceFilesUnder (repositoryRoot: string, directories: string[]): string[] {
  return directories.flatMap(directory => sourceFiles(resolve(repositoryRoot, directory)).map(path => relative(repositoryRoot, path))).sort()
}
