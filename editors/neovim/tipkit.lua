-- tipkit's language server for JSON buffers, with Neovim's built-in client (0.7 and later).
-- Put this file in your config (e.g. ~/.config/nvim/plugin/tipkit.lua), with `tipkit` on PATH.
local client_id

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'json',
  callback = function(args)
    if not client_id or vim.lsp.get_client_by_id(client_id) == nil then
      client_id = vim.lsp.start_client({
        name = 'tipkit',
        cmd = { 'tipkit', 'lsp' },
        root_dir = vim.fn.getcwd(),
      })
    end
    if client_id then
      vim.lsp.buf_attach_client(args.buf, client_id)
    end
  end,
})
