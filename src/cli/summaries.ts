// One line per command for `tongbao --help`, apart from the commands themselves: the main help
// lists every command without loading any (loading them all is the pipeline, docx, exceljs and
// the server: most of a second of CPU). Each command's `summary` is its line here.
export const SUMMARIES = {
  init: '从上一季度的数据新建一季度：名单沿用，结果清空，待填写的项目标出',
  check: '检查一轮数据，列出合计与不合格名单（不生成文件）',
  import: '从 Excel 工作簿导入更正（各月结果、问题、名称等），先预览，加 --apply 写入',
  build: '生成通报（Word）和附件1、附件2（Excel），附 manifest.json',
  annexes: '数据更正后重新生成附件（两个附件表格和通报的附件页；通报正文会变时不写文件，退出状态 3）',
  diff: '比较同一轮数据的两个版本：单位、字段、月度结果的变化及对通报的影响',
  verify: '按 manifest.json 核对输出文件（缺少、被改动、多余）及是否按当前数据生成',
  package: '生成、核对并打包送签稿（<标题>（送签稿）.zip），可附 PDF',
  rectify: '按本轮不合格单位生成整改通知（每单位一份 Word）和整改台账（Excel）',
  lint: '校对一轮数据中的文字和生成的通报正文（标点、引号、文号、日期、用词等）',
  explain: '逐日说明某个政务新媒体账号各月合格或不合格的原因',
  encoding: '检查数据文件的编码；--fix 把 GBK、UTF-16 文件转换为 UTF-8（原文件留在 history/）',
  compare: '与上一轮比较：合格率及其变化、连续两个季度不合格、已整改、新增和减少的单位',
  trend: '各轮合格率一览（按季度排列），并画出合格率趋势图（SVG）',
  serve: '在浏览器中查看、修改各轮数据，预览通报，生成和打包（本机网页）',
} as const;
