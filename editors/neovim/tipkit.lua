-- tipkit's language server for profiles, with Neovim's built-in client (0.7 and later).
-- Put this file in your config (e.g. ~/.config/nvim/plugin/tipkit.lua), with `tipkit` on PATH.
-- Only JSON buffers that may be profiles get it: under a `profiles/` folder, or whose `$schema`
-- names the profile schema; translations and other JSON do not. The server decides the rest
-- (each file follows the `tipkit.toml` of its own repository).
-- `:TipkitFixAll` applies the safe fixes to the buffer; with `vim.g.tipkit_fix_on_save = true`
-- they are applied before every save.
local client_id

-- Asks for the `source.fixAll.tipkit` action and applies its edit (the 0.7 API, which later
-- versions keep).
local function fix_all(bufnr)
  local client = client_id and vim.lsp.get_client_by_id(client_id)
  if not client then
    return
  end
  local answer = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = {
      start = { line = 0, character = 0 },
      ['end'] = { line = vim.api.nvim_buf_line_count(bufnr), character = 0 },
    },
    context = { diagnostics = {}, only = { 'source.fixAll.tipkit' } },
  }, 2000, bufnr)
  for _, action in ipairs(answer and answer.result or {}) do
    if action.edit then
      vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
    end
  end
end

-- Whether a JSON buffer may be a profile: in a folder of profiles, or marked by its `$schema`.
local function may_be_profile(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name:find('/profiles/', 1, true) then
    return true
  end
  local head = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, 20, false), '\n')
  return head:find('"$schema"', 1, true) ~= nil
    and head:find('state-profile.schema.json', 1, true) ~= nil
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'json',
  callback = function(args)
    if not may_be_profile(args.buf) then
      return
    end
    if not client_id or vim.lsp.get_client_by_id(client_id) == nil then
      client_id = vim.lsp.start_client({
        name = 'tipkit',
        cmd = { 'tipkit', 'lsp' },
        root_dir = vim.fn.getcwd(),
      })
    end
    if client_id then
      vim.lsp.buf_attach_client(args.buf, client_id)
      vim.api.nvim_buf_create_user_command(args.buf, 'TipkitFixAll', function()
        fix_all(args.buf)
      end, {})
      vim.api.nvim_create_autocmd('BufWritePre', {
        buffer = args.buf,
        callback = function()
          if vim.g.tipkit_fix_on_save then
            fix_all(args.buf)
          end
        end,
      })
    end
  end,
})
