export type { Expr, FindQuery, RefFile, Segment, Matcher, Test, Action, Cmp, TimeField } from './ast.js';
export { parseFind, type ParseEnv } from './parse.js';
export { compileExpr, exprNeeds, type EvalContext, type EvalState, type ExprNeeds, type Predicate } from './compile.js';
export type { Entry, EntryStat, Output } from './entry.js';
export { startName } from './names.js';
export { typeLetter } from './mode.js';
