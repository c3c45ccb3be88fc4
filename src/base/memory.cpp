#include "base/memory.hpp"

#include <malloc.h>
#include <cstdlib>
#include <cstring>

namespace nn {

//! [keep_freed_memory]
void keep_freed_memory()
{
    static const bool done = [] {
        const char* as_it_comes = std::getenv("NN_MALLOC_AS_IT_COMES");
        if (as_it_comes != nullptr && std::strcmp(as_it_comes, "1") == 0) {
            return false;
        }
        // Blocks up to 32 MiB come from the heap, not from mmap; the heap is trimmed only past 1 GiB free.
        mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
        mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
        return true;
    }();
    (void)done;
}
//! [keep_freed_memory]

}  // namespace nn
