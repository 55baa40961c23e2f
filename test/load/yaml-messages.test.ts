// Every message the yaml package can produce (enumerated from node_modules/yaml/dist) is said
// in Chinese, and real mistakes parsed by the package come out as the intended sentence.
import { parseYamlText, yamlMessage } from '../../src/load/yaml-file';
import { englishIn } from '../support/english';

// [code, message] as the yaml package words them, placeholders filled.
const PACKAGE_MESSAGES: [string, string][] = [
  ['ALIAS_PROPS', 'An alias node must not specify any properties'],
  ['BAD_ALIAS', 'Alias cannot be an empty string'],
  ['BAD_ALIAS', 'Alias ending in : is ambiguous'],
  ['BAD_ALIAS', 'Anchor cannot be an empty string'],
  ['BAD_ALIAS', 'Anchor ending in : is ambiguous'],
  ['BAD_ALIAS', 'Anchor must not contain whitespace or control characters: a b'],
  ['BAD_COLLECTION_TYPE', '!!map used for seq collection, but expects map'],
  ['BAD_DIRECTIVE', '%TAG directive should contain exactly two parts'],
  ['BAD_DIRECTIVE', '%YAML directive should contain exactly one part'],
  ['BAD_DIRECTIVE', 'Unsupported YAML version 1.3'],
  ['BAD_DIRECTIVE', 'Unknown directive %FOO'],
  ['BAD_DQ_ESCAPE', 'Invalid escape sequence \\q'],
  ['BAD_INDENT', 'All sequence items must start at the same column'],
  ['BAD_INDENT', 'All mapping items must start at the same column'],
  ['BAD_INDENT', 'Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ['BAD_INDENT', 'Flow map in block collection must be sufficiently indented and end with a }'],
  ['BAD_INDENT', 'Flow end indicator should be more indented than parent'],
  ['BAD_INDENT', 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator'],
  ['BAD_INDENT', 'Block scalar values in collections must be indented'],
  ['BAD_INDENT', 'Block scalar lines must not be less indented than their first line'],
  ['BAD_PROP_ORDER', 'Anchors and tags must be after the ? indicator'],
  ['BAD_SCALAR_START', 'Plain value cannot start with reserved character @'],
  ['BAD_SCALAR_START', 'Plain value cannot start with block scalar indicator |'],
  ['BAD_SCALAR_START', 'Plain value cannot start with directive indicator character %'],
  ['BAD_SCALAR_START', 'Plain value cannot start with flow indicator character ,'],
  ['BAD_SCALAR_START', 'Plain value cannot start with a tab character'],
  ['BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key'],
  ['BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings'],
  ['BLOCK_IN_FLOW', 'Block collections are not allowed within flow collections'],
  ['DUPLICATE_KEY', 'Map keys must be unique'],
  ['IMPOSSIBLE', 'Block scalar header not found'],
  ['IMPOSSIBLE', 'Map comment with trailing content'],
  ['IMPOSSIBLE', 'This should not happen: Alias anchor was not resolved?'],
  ['IMPOSSIBLE', 'Tried to pop an empty stack'],
  ['MISSING_CHAR', "Missing closing 'quote"],
  ['MISSING_CHAR', 'Missing closing "quote'],
  ['MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker'],
  ['MISSING_CHAR', 'Comments must be separated from other tokens by white space characters'],
  ['MISSING_CHAR', 'Implicit map keys need to be followed by map values'],
  ['MISSING_CHAR', 'Missing directives-end indicator line'],
  ['MISSING_CHAR', 'Missing directives-end/doc-start indicator line'],
  ['MISSING_CHAR', 'Sequence item without - indicator'],
  ['MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space'],
  ['MISSING_CHAR', 'Missing , between flow map items'],
  ['MISSING_CHAR', 'Missing , or : between flow sequence items'],
  ['MISSING_CHAR', 'Missing space after : in flow map'],
  ['MISSING_CHAR', 'Flow sequence must end with a ]'],
  ['MISSING_CHAR', 'Missing newline after block sequence props'],
  ['MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line'],
  ['MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line'],
  ['MULTIPLE_ANCHORS', 'A node can have at most one anchor'],
  ['MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'],
  ['MULTIPLE_TAGS', 'A node can have at most one tag'],
  ['NON_STRING_KEY', 'With stringKeys, all keys must be strings'],
  ['RESOURCE_EXHAUSTION', 'Maximum call stack size exceeded'],
  ['RESOURCE_EXHAUSTION', 'Excessive alias count indicates a resource exhaustion attack'],
  ['TAB_AS_INDENT', 'Tabs are not allowed as indentation'],
  ['TAG_RESOLVE_FAILED', 'Unresolved tag: !foo'],
  ['TAG_RESOLVE_FAILED', 'Not a valid tag: !<'],
  ['TAG_RESOLVE_FAILED', "Verbatim tags aren't resolved, so !<!> is invalid."],
  ['TAG_RESOLVE_FAILED', 'Verbatim tags must end with a >'],
  ['TAG_RESOLVE_FAILED', 'The !a! tag has no suffix'],
  ['TAG_RESOLVE_FAILED', 'Value may be parsed as either !!int or !!str'],
  ['UNEXPECTED_TOKEN', 'Block scalar header includes extra characters: |x'],
  ['UNEXPECTED_TOKEN', 'Unexpected token in block scalar header: comment'],
  ['UNEXPECTED_TOKEN', 'Expected a flow scalar value, but found: block-map'],
  ['UNEXPECTED_TOKEN', 'Unexpected ] in flow map'],
  ['UNEXPECTED_TOKEN', 'Unexpected flow-seq-end token in YAML stream: "]"'],
  ['UNEXPECTED_TOKEN', 'Unexpected scalar token in YAML document'],
  ['UNEXPECTED_TOKEN', 'Unexpected block-seq-ind on same line with key'],
  ['UNEXPECTED_TOKEN', 'Unexpected scalar at node end'],
  ['UNEXPECTED_TOKEN', 'Unexpected , in flow sequence'],
  ['UNEXPECTED_TOKEN', 'Unexpected empty item in flow sequence'],
  ['UNEXPECTED_TOKEN', 'Unexpected doc-end without preceding document'],
  ['UNEXPECTED_TOKEN', 'Unsupported token (type: foo)'],
  ['UNEXPECTED_TOKEN', 'Unsupported token foo'],
  ['UNEXPECTED_TOKEN', 'Not a YAML token: ^'],
  ['BAD_ALIAS', 'Unresolved alias (the anchor must be set before the alias): *x'],
];

describe.each(PACKAGE_MESSAGES)('%s: %s', (code, message) => {
  test('is said in Chinese, without English', () => {
    const said = yamlMessage(code, message);
    expect(said).toMatch(/[\u4e00-\u9fff]/);
    expect(englishIn(said)).toEqual([]);
  });
});

test('an unknown message of a future yaml version still shows no English', () => {
  expect(yamlMessage('SOMETHING_NEW', 'Some new complaint about tokens')).toBe('无法理解这一处的写法（检查缩进、冒号和引号）');
  expect(yamlMessage('BAD_INDENT', 'Some new complaint')).toBe('缩进不正确');
});

// Real mistakes, parsed by the package: the sentence the clerk reads and where.
const MISTAKES: [string, string, string][] = [
  ['a:\n  - x\n  y: 1\n', '3:1', '同一层的键要从同一列开始（检查缩进）'],
  ['a: [x, , y]\n', '1:8', '方括号 [ ] 列表中有多余的逗号'],
  ['a: "C:\\q"\n', '1:7', '双引号文字中的转义“\\q”无效：反斜杠 \\ 要写成 \\\\，或改用单引号'],
  ['a: @x\n', '1:4', '值不能以“@”开头：请给这个值加引号'],
  ["a: 'b'#c\n", '1:7', '注释的 # 前面要有空格（文字中的 # 请加引号）'],
  ['a: |x\n  t\n', '1:5', '块文字标记（| 或 >）后面有多余的字符“|x”'],
  ["a: 'b' c\n", '1:8', '值后面有多余的内容（文字中含有 : # 等符号时请加引号）'],
  ['a: 1\n]\n', '2:1', '出现了无法理解的内容（检查这一行的缩进、冒号和引号）'],
  ['a: ' + '['.repeat(20000) + ']'.repeat(20000) + '\n', '1:', '括号或缩进嵌套过深，无法读取'],
];

test.each(MISTAKES)('%j', (text, at, message) => {
  const { diagnostics } = parseYamlText(text, '/x/notice.yaml', 'notice.yaml');
  expect(diagnostics.length).toBe(1);
  const d = diagnostics[0];
  expect(`${d.line}:${d.col}`.startsWith(at)).toBe(true);
  expect(d.message.replace(/；其后 \d+ 处.*$/, '')).toBe(`YAML 语法错误：${message}`);
});
