# The training loss per epoch of the three Sequential models, from `ch08 --figure-data`
# (datadir/models.dat: epoch, then the linear model, the lecture's network, the wider one; the wider one
# trains for fewer epochs and its column is NaN after that, which gnuplot leaves out).
set xlabel "epoch"
set ylabel "training loss L"
set logscale y
set grid
set key right top
plot datadir.'/models.dat' using 1:2 with lines lw 2 title "2 → 3, linear (9 parameters)", \
     ''                    using 1:3 with lines lw 2 title "2 → 6 → 4 → 3, the lecture's (61)", \
     ''                    using 1:4 with lines lw 2 title "2 → 32 → 32 → 3, wider (1251)"
