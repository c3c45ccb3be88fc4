#include "base/errors.hpp"

namespace nn {

not_implemented::not_implemented(const std::string& function, int chapter)
    : std::logic_error("not implemented yet: " + function + " (chapter " + std::to_string(chapter) + ")")
{
}

}  // namespace nn
