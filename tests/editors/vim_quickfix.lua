-- Headless Neovim run of the README's Vim quickfix lines (KBLINT_VIM_COMMANDS, one Ex
-- command a line) in the KB's folder; writes the quickfix list to KBLINT_NVIM_OUT.
local result = {}
local ok, err = pcall(function()
  for _, line in ipairs(vim.fn.readfile(os.getenv("KBLINT_VIM_COMMANDS"))) do
    vim.cmd((line:gsub("^:", "")))
  end
  result.items = {}
  for _, item in ipairs(vim.fn.getqflist()) do
    table.insert(result.items, {
      file = vim.fn.bufname(item.bufnr), lnum = item.lnum, col = item.col,
      text = item.text, valid = item.valid,
    })
  end
end)
if not ok then
  result.error = tostring(err)
end
vim.fn.writefile({ vim.fn.json_encode(result) }, os.getenv("KBLINT_NVIM_OUT"))
vim.cmd("qa!")
