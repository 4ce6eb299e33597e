-- End-to-end test of blockls with Neovim (0.7+) as the client, run by
--   BLOCKLS=/path/to/blockls FIXTURES=/path/to/fixtures nvim --headless --clean -u nvim.test.lua
-- It opens a fixture, waits for the sync-io diagnostic, applies the
-- preferred quick fix (the analyzer's fs.promises rewrite), waits for the
-- diagnostic to go away, and shuts the server down. Exit status 0 on
-- success; cquit 1 with a message on stderr otherwise.

local function log(msg)
  io.stderr:write('nvim-e2e: ' .. msg .. '\n')
end

local function fail(msg)
  log('FAIL: ' .. msg)
  vim.cmd('cquit 1')
end

local ok, err = pcall(function()
  local blockls, fixtures = vim.env.BLOCKLS, vim.env.FIXTURES
  assert(blockls and fixtures, 'set BLOCKLS and FIXTURES')

  local client_id = vim.lsp.start_client({
    name = 'blockls',
    cmd = { blockls },
    root_dir = fixtures,
    settings = { blockcheck = { rules = {} } },
  })
  assert(client_id, 'start_client failed')

  vim.cmd('edit ' .. fixtures .. '/async.js')
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)

  if not vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
    return fail('no diagnostics for async.js')
  end
  local d = vim.diagnostic.get(buf)[1]
  if d.source ~= 'blockcheck' or not d.message:find('fs.readFileSync blocks') then
    return fail('unexpected diagnostic: ' .. vim.inspect(d))
  end
  log('diagnostic: ' .. d.message:sub(1, 60) .. '...')

  local client = vim.lsp.get_client_by_id(client_id)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    context = { diagnostics = { d.user_data and d.user_data.lsp or {} } },
  }
  local res = client.request_sync('textDocument/codeAction', params, 10000, buf)
  if not res or res.err then
    return fail('codeAction: ' .. vim.inspect(res))
  end
  local fix
  for _, action in ipairs(res.result or {}) do
    if action.isPreferred then fix = action end
  end
  if not fix then
    return fail('no preferred quick fix among ' .. vim.inspect(res.result))
  end
  log('applying: ' .. fix.title)
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
  local line = vim.api.nvim_buf_get_lines(buf, 5, 6, false)[1]
  if not line:find('await fs.promises.readFile', 1, true) then
    return fail('fix not applied: ' .. line)
  end

  if not vim.wait(15000, function() return #vim.diagnostic.get(buf) == 0 end, 50) then
    return fail('diagnostic still there after the fix: ' .. vim.inspect(vim.diagnostic.get(buf)))
  end
  log('diagnostic gone after the fix')

  vim.lsp.stop_client(client_id)
  if not vim.wait(10000, function() return vim.lsp.client_is_stopped(client_id) end, 50) then
    return fail('server did not stop')
  end
  log('PASS')
  vim.cmd('qall!')
end)
if not ok then
  fail(tostring(err))
end
