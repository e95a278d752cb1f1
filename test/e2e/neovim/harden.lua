-- Headless Neovim 0.7 as an independent LSP client of dist/server.js over stdio: diagnostics appear, a code
-- action is applied, the diagnostic clears and the fixed file is written. Driven by test/e2e/neovim.e2e.mjs.
-- Env: HARDEN_SERVER (server bundle), HARDEN_ROOT (workspace), HARDEN_FILE (manifest), HARDEN_LOG (JSON lines out).
local server, root, file, log_path = os.getenv('HARDEN_SERVER'), os.getenv('HARDEN_ROOT'), os.getenv('HARDEN_FILE'), os.getenv('HARDEN_LOG')
local RULE, FIX = 'k8s/run-as-non-root', 'Add runAsNonRoot: true to the pod securityContext'
local started = vim.loop.hrtime()
local log = io.open(log_path, 'w')

local function step(name, ok, detail)
  local ms = math.floor((vim.loop.hrtime() - started) / 1e6)
  log:write(vim.fn.json_encode({ step = name, ok = ok, ms = ms, detail = detail or vim.NIL }) .. '\n')
  log:flush()
  if not ok then
    log:close()
    vim.cmd('cquit 1')
  end
end

-- Keep the raw LSP diagnostics: the code action request needs them (vim.diagnostic entries have another shape).
local raw = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
local handlers = {
  ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    raw[result.uri] = result.diagnostics
    return default_publish(err, result, ctx, config)
  end,
}

vim.cmd('edit ' .. vim.fn.fnameescape(file))
vim.bo.filetype = 'yaml'
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)

local client_id = vim.lsp.start_client({
  name = 'harden',
  cmd = { 'env', 'MALLOC_ARENA_MAX=1', 'node', '--max-semi-space-size=8', server, '--stdio' }, -- as docs/editors.md recommends
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'workspace' } },
  handlers = handlers,
  flags = { debounce_text_changes = 50 },
})
step('start_client', client_id ~= nil, { server = server })
vim.lsp.buf_attach_client(buf, client_id)

local function find(code)
  for _, d in ipairs(raw[uri] or {}) do
    if d.code == code then return d end
  end
end

local function codes()
  local list = {}
  for _, d in ipairs(raw[uri] or {}) do table.insert(list, d.code) end
  return table.concat(list, ',')
end

local appeared = vim.wait(20000, function() return find(RULE) ~= nil and #vim.diagnostic.get(buf) > 0 end, 50)
local diagnostic = find(RULE)
step('diagnostics', appeared, { codes = codes(), count = #vim.diagnostic.get(buf), range = diagnostic and diagnostic.range or vim.NIL,
  source = diagnostic and diagnostic.source or vim.NIL })
step('diagnostic range', diagnostic.range.start.line == 25 and diagnostic.range.start.character == 10 and diagnostic.source == 'harden',
  diagnostic.range)

local client = vim.lsp.get_client_by_id(client_id)
local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
  textDocument = { uri = uri },
  range = diagnostic.range,
  context = { diagnostics = { diagnostic }, only = { 'quickfix' } },
}, 10000)
local action, titles = nil, {}
for _, response in pairs(responses or {}) do
  for _, a in ipairs(response.result or {}) do
    table.insert(titles, a.title)
    if a.title == FIX then action = a end
  end
end
step('code action offered', action ~= nil and action.edit ~= nil, { titles = titles })

vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
step('edit applied', text:find('runAsNonRoot: true', 1, true) ~= nil, nil)

local cleared = vim.wait(20000, function() return find(RULE) == nil end, 50)
local warnings = vim.diagnostic.get(buf, { severity = { min = vim.diagnostic.severity.WARN } })
step('diagnostic cleared', cleared and #warnings == 0, { codes = codes(), warnings = #warnings })

vim.cmd('write')
local disk = table.concat(vim.fn.readfile(file), '\n')
step('written', disk:find('runAsNonRoot: true', 1, true) ~= nil, nil)

vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
step('done', true, nil)
log:close()
vim.cmd('qall!')
