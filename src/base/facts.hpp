/// \file facts.hpp
/// The numbers a chapter's text quotes from its program's output: `chNN --figure-data DIR` also writes
/// DIR/facts.txt, one `key = value` a line, and the website's build fills the text's `{{chNN.key}}` and
/// checks its `<!-- check: … -->` claims with them (docs/make_pages.py), so that no sentence of the site
/// can contradict the output printed beside it.
#pragma once

#include <string>

namespace nn {

/// Appends `key = value` to DIR/facts.txt (value with 17 significant digits: every double comes back
/// exactly), or does nothing when dir is "" (the program runs without `--figure-data`). A key is made of
/// letters, digits and `_`; std::invalid_argument otherwise.
void write_fact(const std::string& dir, const std::string& key, double value);

}  // namespace nn
