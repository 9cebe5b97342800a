-- image-no-user: a test rule for the CLI tests; an image config with no User.
return {
  title    = "Image config sets no User",
  severity = "critical",
  input    = "image",
  check = function(img, report)
    if img.user == nil or img.user.value == "" then
      report { message = "the image sets no User" }
    end
  end,
}
