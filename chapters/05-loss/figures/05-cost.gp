# The cost of one output against its score z, from `ch05 --figure-data` (datadir/cost.dat:
# z, −log σ(z), −log σ(−z)).
set xlabel "z (the score of one output)"
set ylabel "cost"
set xrange [-8:8]
set yrange [0:8.5]
set grid
set key center top
plot datadir.'/cost.dat' using 1:2 with lines lw 2 title "y = 1:  −log ŷ = −log σ(z)", \
     ''                  using 1:3 with lines lw 2 title "y = 0:  −log(1 − ŷ) = −log σ(−z)"
