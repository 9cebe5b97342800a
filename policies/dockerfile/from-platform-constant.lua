-- from-platform-constant: FROM --platform=linux/amd64 forces one platform, so the image
-- is wrong (or emulated) everywhere else.
return {
  title    = "FROM --platform with a constant value",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DL3029", "FromPlatformFlagConstDisallowed", "b16e8501-ef3c-44e1-a543-a093238099c9" },
  help     = [[
`FROM --platform=linux/amd64` pins the stage to one platform whatever the build asks
for: on an arm64 machine or in a multi-platform build the image silently comes out for
amd64 (run under emulation, or not at all). Use the predefined build arguments:
`--platform=$BUILDPLATFORM` for build stages that cross-compile, and nothing (or
`$TARGETPLATFORM`) for the rest.

As in BuildKit's check (and unlike hadolint's DL3029, which flags every `--platform`),
values that use a variable are fine, and so is a constant platform when the stage name
says which one it is for (`FROM --platform=linux/arm64 alpine AS build-arm64`).
]],
  check = function(df, report)
    for _, stage in ipairs(df.stages) do
      local ins = stage.instructions and stage.instructions[1]
      local value = ins and ins.cmd == "from" and ins.flags and ins.flags.platform
      if type(value) == "string" and value ~= "" and not value:find("$", 1, true) then
        local name = (stage.name or ""):lower()
        local named = false
        for part in value:lower():gmatch("[^/,]+") do
          if name ~= "" and name:find(part, 1, true) then named = true end
        end
        if not named then
          report { message = "FROM --platform=" .. value .. " is a constant; use $BUILDPLATFORM or leave it to the build",
                   at = ins }
        end
      end
    end
  end,
}
