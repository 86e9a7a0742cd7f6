/**
 * `Fixed` (src/core/fixed.ts) is opaque: TypeScript rejects arithmetic on it, but still accepts `a > b`
 * and `a === b` between two Fixed values (they are object types to it). Those comparisons work only
 * because a Fixed happens to be a number at run time; they are not what the type means. This rule
 * refuses relational and equality operators (and `switch`) on a Fixed operand: use compare/equal/
 * isZero/isPositive. Comparing with null or undefined (an absent value) stays allowed.
 */
const OPERATORS = new Set(['<', '>', '<=', '>=', '==', '!=', '===', '!==']);

/** Whether a type is, or is a union containing, the Fixed brand declared in src/core/fixed.ts. */
function isFixed(type, checker) {
  if (type.isUnion()) return type.types.some((t) => isFixed(t, checker));
  return checker.getPropertiesOfType(type).some((p) => {
    const d = p.valueDeclaration ?? p.declarations?.[0];
    return p.escapedName.startsWith('__@FIXED@') && d !== undefined && /[\\/]src[\\/]core[\\/]fixed\.ts$/.test(d.getSourceFile().fileName);
  });
}

const isNullish = (node) =>
  (node.type === 'Literal' && node.value === null && node.raw === 'null') || (node.type === 'Identifier' && node.name === 'undefined');

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid comparing opaque Fixed points with operators; use compare/equal from core/fixed.ts' },
    messages: {
      operator: "'{{op}}' on Fixed points compares what the type hides: use compare/equal/isZero/isPositive from core/fixed.ts",
      switch: 'switch on Fixed points compares what the type hides: use equal from core/fixed.ts',
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    const checker = services.program.getTypeChecker();
    const fixed = (node) => isFixed(services.getTypeAtLocation(node), checker);
    return {
      BinaryExpression(node) {
        if (!OPERATORS.has(node.operator) || isNullish(node.left) || isNullish(node.right)) return;
        if (fixed(node.left) || fixed(node.right)) context.report({ node, messageId: 'operator', data: { op: node.operator } });
      },
      SwitchStatement(node) {
        if (fixed(node.discriminant)) context.report({ node: node.discriminant, messageId: 'switch' });
      },
    };
  },
};
