// nodule-viewer: the web front end of a lung-nodule detection device (a fixture for iq manifest).
const debug = require('debug')('nodule-viewer');
const ms = require('ms');
const leftPad = require('left-pad');
const isNumber = require('is-number');

function describe(study) {
  debug('describing study %s', study.id);
  const size = isNumber(study.noduleMm) ? `${study.noduleMm} mm` : 'unknown size';
  return `${leftPad(study.id, 8, '0')}: nodule ${size}, read ${ms(study.readMs)} after upload`;
}

module.exports = { describe };
