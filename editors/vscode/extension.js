// Starts `tipkit lsp` for the JSON files of a folder of profiles (`profiles/`). The server
// itself decides which of them are profiles: under the `profiles/` folder of the repository (or
// of the `tipkit.toml` that governs it), or with a `$schema` naming the profile schema.
const path = require('path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const server = { command: tipkitCommand(), args: ['lsp'] };
  client = new LanguageClient(
    'tipkit',
    'tipkit',
    { run: server, debug: server },
    { documentSelector: [{ scheme: 'file', language: 'json', pattern: '**/profiles/**/*.json' }] },
  );
  context.subscriptions.push(client);
  return client.start();
}

// `tipkit.path` names a program to run, so only the user's own settings choose it: never a
// repository's `.vscode/settings.json` (the manifest's `"scope": "machine"` says the same), and
// never a relative path, which would name a file of the folder open.
function tipkitCommand() {
  const setting = vscode.workspace.getConfiguration('tipkit').inspect('path');
  const command = setting ? setting.globalValue : undefined;
  if (typeof command !== 'string' || command.trim() === '') {
    return 'tipkit';
  }
  if (/[\\/]/.test(command) && !path.isAbsolute(command)) {
    vscode.window.showWarningMessage(
      '`tipkit.path` must be a name on PATH or an absolute path: using the `tipkit` on PATH.',
    );
    return 'tipkit';
  }
  return command;
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
