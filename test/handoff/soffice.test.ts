// Where --pdf looks for LibreOffice on each system, and what it says when there is none:
// findSoffice and sofficeMissingMessage are pure in (platform, env, exists), so Windows and
// macOS are tested here on any machine.
import { findSoffice, sofficeMissingMessage } from '../../src/handoff/pdf';

const WIN_ENV = { Path: 'C:\\Windows\\system32;D:\\tools', ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' };

test.each<[string, NodeJS.Platform, NodeJS.ProcessEnv, string[], string | null]>([
  ['Linux: soffice on PATH', 'linux', { PATH: '/usr/local/bin:/usr/bin' }, ['/usr/bin/soffice'], '/usr/bin/soffice'],
  ['Linux: libreoffice on PATH', 'linux', { PATH: '/usr/bin' }, ['/usr/bin/libreoffice'], '/usr/bin/libreoffice'],
  ['Linux: none', 'linux', { PATH: '/usr/bin' }, ['/opt/libreoffice/program/soffice'], null],
  ['Windows: soffice.exe on Path (any case)', 'win32', WIN_ENV, ['D:\\tools\\soffice.exe', 'C:\\Program Files\\LibreOffice\\program\\soffice.exe'], 'D:\\tools\\soffice.exe'],
  ['Windows: a bare soffice on PATH is not the program', 'win32', WIN_ENV, ['D:\\tools\\soffice'], null],
  ['Windows: default install folder', 'win32', WIN_ENV, ['C:\\Program Files\\LibreOffice\\program\\soffice.exe'], 'C:\\Program Files\\LibreOffice\\program\\soffice.exe'],
  ['Windows: 32-bit install folder', 'win32', WIN_ENV, ['C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe'], 'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe'],
  ['Windows: ProgramFiles elsewhere', 'win32', { PATH: '', PROGRAMFILES: 'E:\\Apps' }, ['E:\\Apps\\LibreOffice\\program\\soffice.exe'], 'E:\\Apps\\LibreOffice\\program\\soffice.exe'],
  ['Windows: no ProgramFiles variable, default C:', 'win32', {}, ['C:\\Program Files\\LibreOffice\\program\\soffice.exe'], 'C:\\Program Files\\LibreOffice\\program\\soffice.exe'],
  ['Windows: none', 'win32', WIN_ENV, [], null],
  ['macOS: soffice on PATH', 'darwin', { PATH: '/opt/homebrew/bin' }, ['/opt/homebrew/bin/soffice'], '/opt/homebrew/bin/soffice'],
  ['macOS: the app in /Applications', 'darwin', { PATH: '/usr/bin' }, ['/Applications/LibreOffice.app/Contents/MacOS/soffice'], '/Applications/LibreOffice.app/Contents/MacOS/soffice'],
  ['macOS: none', 'darwin', { PATH: '/usr/bin' }, [], null],
])('%s', (_, platform, env, files, expected) => {
  const present = new Set(files);
  expect(findSoffice(env, platform, (f) => present.has(f))).toBe(expected);
});

test.each<[NodeJS.Platform, NodeJS.ProcessEnv, string]>([
  [
    'win32',
    WIN_ENV,
    '未找到 LibreOffice（已在 PATH 和 C:\\Program Files\\LibreOffice\\program、C:\\Program Files (x86)\\LibreOffice\\program 中查找 soffice.exe），无法生成 PDF。请从 https://zh-cn.libreoffice.org/ 下载并安装 LibreOffice（安装到默认位置即可），然后重新运行；或不加 --pdf。',
  ],
  [
    'darwin',
    {},
    '未找到 LibreOffice（已在 PATH 和 /Applications/LibreOffice.app 中查找 soffice），无法生成 PDF。请从 https://zh-cn.libreoffice.org/ 下载 LibreOffice，拖入“应用程序”文件夹，然后重新运行；或不加 --pdf。',
  ],
  [
    'linux',
    {},
    '未找到 LibreOffice（soffice），无法生成 PDF。请安装（Debian/Ubuntu）：sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk fonts-arphic-ukai fonts-liberation2；其他系统请从 https://zh-cn.libreoffice.org/ 下载安装 LibreOffice；或不加 --pdf。',
  ],
])('not found on %s: says where it looked and what to install', (platform, env, message) => {
  expect(sofficeMissingMessage(platform, env)).toBe(message);
});
