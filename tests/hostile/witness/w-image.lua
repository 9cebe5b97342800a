-- w-image.lua — a witness on image configs: reports the platform and command.
return {
  title = "witness", severity = "low", input = "image",
  check = function(img, report)
    report { message = "image for " .. img.architecture .. ", cmd " .. tostring(img.cmd[1]) }
  end,
}
