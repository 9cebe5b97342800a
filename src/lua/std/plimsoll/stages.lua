-- plimsoll.stages: which stages of a Dockerfile end up in the image, and the chain of
-- stages a stage is built FROM. Part of the rule standard library (API 1).
local M = {}

-- The stage and its bases, walking `base_stage` links (a FROM naming an earlier stage);
-- stops at an external image. Returned bases first, the stage itself last.
function M.chain(df, stage)
  local list, guard = {}, 0
  while stage and guard < 1000 do
    table.insert(list, 1, stage)
    local b = stage.base_stage
    if not (b and b > 0 and b < stage.index) then break end
    stage = df.stages[b]
    guard = guard + 1
  end
  return list
end

-- The final stage's chain, final stage first, then the stages it is built FROM.
function M.final_chain(df)
  local bases_first, list = M.chain(df, df.final), {}
  for i = #bases_first, 1, -1 do list[#list + 1] = bases_first[i] end
  return list
end

-- The set of stage indexes whose layers end up in the image: the final stage and the
-- stages it is built FROM (the analysis's stage.ships). A builder stage the final stage
-- only COPYs files from ships none of its layers. Use as
-- `if stages.shipped(df)[stage.index] then`.
function M.shipped(df)
  local set = {}
  for _, stage in ipairs(df.stages) do
    if stage.ships then set[stage.index] = true end
  end
  return set
end

return M
