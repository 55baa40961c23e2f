// Values that are text even when typed as bare numbers keep their digits as typed.
import { loadModel } from '../../src/pipeline';
import { roundCopy } from '../support/round-fixture';

test.each([
  ['08558235320', '08558235320'],
  ['8235320', '8235320'],
  ['"0855-8235320"', '0855-8235320'],
])('phone: %s prints as %s', async (typed, printed) => {
  const { dir } = roundCopy([{ file: 'notice.yaml', find: 'phone: "8235320"', replace: `phone: ${typed}` }]);
  expect((await loadModel(dir)).contact.phone).toBe(printed);
});
