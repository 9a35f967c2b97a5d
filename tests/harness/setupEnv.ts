// The SDK warns about Node < 22 on every client it builds; the suite targets Node 20 on purpose.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (!/NodeVersionSupportWarning/.test(`${warning.name} ${warning.message}`)) process.stderr.write(`${warning.name}: ${warning.message}\n`);
});
