// Starts `tipkit lsp` for the JSON files of a folder of profiles (`profiles/`). The server
// itself decides which of them are profiles: under the `profiles/` folder of the repository (or
// of the `tipkit.toml` that governs it), or with a `$schema` naming the profile schema.
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
    { documentSelector: [{ scheme: 'file', language: 'json', pattern: '**/profiles/**/*.json' }] },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
