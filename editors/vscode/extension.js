// Starts `tipkit lsp` for JSON files. The server itself decides which of them are profiles
// (a `$schema` naming the profile schema, or a file or folder of profiles named `ct.json`).
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('tipkit').get('path') || 'tipkit';
  const server = { command, args: ['lsp'] };
  client = new LanguageClient(
    'tipkit',
    'tipkit',
    { run: server, debug: server },
    { documentSelector: [{ scheme: 'file', language: 'json' }] },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
