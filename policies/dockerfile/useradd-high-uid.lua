-- useradd-high-uid: useradd with a large UID and no -l writes a huge sparse lastlog and
-- faillog, which Docker stores in full.
return {
  title    = "useradd with a large UID without -l",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DL3046" },
  help     = [[
`useradd` records the new user in `/var/log/lastlog` and `/var/log/faillog`, files
indexed by UID. With a large UID (say `--uid 1000000`) they become sparse files of
hundreds of MB or more, and image layers do not keep files sparse: the image grows by
that much. Pass `-l` (`--no-log-init`).

Not flagged: UIDs up to 99999, `-l`/`--no-log-init`, UIDs from a variable.
]],
  check = function(df, report)
    for cmd in df:commands("useradd") do
      local uid = cmd:flag_value("-u", "--uid")
      if uid and uid:match("^%d+$") and #uid > 5 and not cmd:has_flag("-l", "--no-log-init") then
        report { message = "useradd --uid " .. uid .. " without -l makes multi-MB lastlog/faillog files", at = cmd }
      end
    end
  end,
}
