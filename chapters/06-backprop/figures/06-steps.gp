# The error of a finite difference against its step h, from `ch06 --figure-data` (datadir/steps.dat:
# h, central error, one-sided error), both relative to backprop's value of the same component.
set logscale xy
set format x "10^{%L}"
set format y "10^{%L}"
set xlabel "step h"
set ylabel "relative error"
set xrange [1e-12:0.1]
set yrange [1e-12:1]
set grid
set key left bottom
plot datadir.'/steps.dat' using 1:2 with linespoints lw 2 pt 7 ps 0.4 title "central: (L(θ+h) − L(θ−h)) / 2h", \
     ''                   using 1:3 with linespoints lw 2 pt 7 ps 0.4 title "one-sided: (L(θ+h) − L(θ)) / h"
