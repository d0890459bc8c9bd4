-- docs/man.lua: a pandoc filter that makes a man page of a docs/ page. The page's title (its
-- first level-1 heading) gives way to NAME (metadata `name` and `description`), what comes
-- before the first section goes under DESCRIPTION, the other headings move up one level (## is
-- .SH, in capitals, ### is .SS), a link to another page names that page's man page
-- (freq.md: verbatim-freq(1)), `\|` in code (a pipe inside a table, as GitHub writes it) is a
-- pipe, and raw HTML is dropped. Read the pages as pandoc markdown (--from markdown-smart), whose
-- tables take their column widths from the dashes under the header.

local man_of = {}  -- "freq.md" -> "verbatim-freq(1)", from the metadata `pages`

local function text(meta_value)
  return meta_value and pandoc.utils.stringify(meta_value) or ""
end

function Pandoc(doc)
  for entry in text(doc.meta.pages):gmatch("[^,]+") do
    local file, page = entry:match("^%s*([^=]+)=(.+)$")
    if file then man_of[file] = page end
  end
  local blocks = {
    pandoc.Header(1, "NAME"),
    pandoc.Para({pandoc.Str(text(doc.meta.name) .. " - " .. text(doc.meta.description))}),
  }
  local titled, described = false, false
  for _, b in ipairs(doc.blocks) do
    if b.t == "Header" and b.level == 1 and not titled then
      titled = true
    else
      if b.t == "Header" then
        b.level = math.max(1, b.level - 1)
        if b.level == 1 then
          b.content = {pandoc.Str(pandoc.text.upper(pandoc.utils.stringify(b.content)))}
        end
      end
      if not described and not (b.t == "Header" and b.level == 1) then
        table.insert(blocks, pandoc.Header(1, "DESCRIPTION"))
      end
      described = true
      table.insert(blocks, b)
    end
  end
  doc.blocks = blocks
  return doc:walk({
    Link = function(l)
      local file = l.target:match("^([%w%-_]+%.md)") or l.target:match("/([%w%-_]+%.md)")
      if file and man_of[file] then
        local shown = pandoc.utils.stringify(l.content)
        if shown == file or shown:match("%.md$") or shown == man_of[file] then
          return pandoc.Strong({pandoc.Str(man_of[file])})
        end
        local out = l.content
        table.insert(out, pandoc.Str(" (" .. man_of[file] .. ")"))
        return out
      end
      if l.target:match("^https?:") then
        local out = l.content
        if pandoc.utils.stringify(l.content) ~= l.target then
          table.insert(out, pandoc.Str(" <" .. l.target .. ">"))
        end
        return out
      end
      return l.content
    end,
    -- A pipe in code inside a table is written \| (as GitHub wants it).
    -- A long comma-separated code span (a table's columns, a JSON record) may break after each
    -- comma.
    Code = function(c)
      c.text = c.text:gsub("\\|", "|")
      if #c.text > 30 and c.text:find(",") and not c.text:find("[\128-\255]") then
        local roff = c.text:gsub("\\", "\\e"):gsub("%-", "\\-"):gsub(",", ",\\:")
        return pandoc.RawInline("man", "\\f[V]" .. roff .. "\\f[R]")
      end
      return c
    end,
    -- pandoc's man writer sizes a full-width table to 70 characters, wider than an 80-column
    -- terminal leaves once the page is indented: scale every table to 88 %.
    Table = function(t)
      for i, cs in ipairs(t.colspecs) do
        local w = type(cs[2]) == "number" and cs[2] or 1 / #t.colspecs
        t.colspecs[i] = {cs[1], w * 0.88}
      end
      return t
    end,
    RawBlock = function() return {} end,
    RawInline = function() return {} end,
  })
end
