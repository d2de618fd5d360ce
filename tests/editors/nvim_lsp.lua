-- Headless Neovim check of `kblint lsp`, run by tests/editors.rs.
-- Loads the README's Neovim set-up (KBLINT_NVIM_CONFIG), opens an article
-- (KBLINT_NVIM_FILE), waits for the diagnostics kblint publishes, fixes the defect in
-- the unsaved buffer, waits for them to clear, and writes what it saw to
-- KBLINT_NVIM_OUT as JSON. Uses only APIs Neovim 0.7 has.
local out = os.getenv("KBLINT_NVIM_OUT")
local result = { nvim = tostring(vim.version().major) .. "." .. tostring(vim.version().minor) }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  for _, client in pairs(vim.lsp.get_active_clients()) do
    client.stop()
  end
  vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  vim.cmd("filetype on")
  dofile(os.getenv("KBLINT_NVIM_CONFIG"))
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("KBLINT_NVIM_FILE")))
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype

  local function collect()
    local items = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local lsp = (d.user_data and d.user_data.lsp) or {}
      table.insert(items, {
        lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
        severity = d.severity, message = d.message, source = d.source,
        code = d.code or lsp.code,
      })
    end
    return items
  end

  result.received = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  result.diagnostics = collect()
  result.clients = {}
  for _, client in pairs(vim.lsp.buf_get_clients(buf)) do
    table.insert(result.clients, client.name)
    result.root_dir = client.config.root_dir
  end

  -- Fix the defect without saving: kblint checks the buffer, not the file.
  local first = vim.diagnostic.get(buf)[1]
  if first then
    vim.api.nvim_buf_set_text(buf, first.lnum, first.col, first.end_lnum, first.end_col, { "$20" })
    result.cleared = vim.wait(20000, function() return #vim.diagnostic.get(buf) == 0 end, 50)
  end
end)
if not ok then
  result.error = tostring(err)
end
finish()
