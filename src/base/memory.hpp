/// \file memory.hpp
/// How the training loop asks glibc to keep the memory it frees (chapter 9 measures why).
#pragma once

namespace nn {

/// Let glibc keep freed memory for the next epoch instead of handing it back to the kernel.
///
/// An epoch of the course's loop allocates about 2 MB of temporaries (z⁽ˡ⁾, a⁽ˡ⁾, their gradients) and
/// frees them again. By default glibc serves blocks over 128 KiB with mmap and returns them with munmap,
/// and trims the top of its heap as soon as it shrinks: every epoch then pays for fresh pages from the
/// kernel (page faults), about half the epoch's time. This raises both thresholds (mallopt
/// M_MMAP_THRESHOLD 32 MiB, M_TRIM_THRESHOLD 1 GiB), once per process. run_training() (the chapter
/// programs) calls it, and so does chapter 9's benchmark for the course's own loop.
/// With the environment variable NN_MALLOC_AS_IT_COMES=1 it does nothing (chapter 9's benchmark uses
/// that to show the difference).
void keep_freed_memory();

}  // namespace nn
