# The training loss per epoch for each optimizer, from `ch07 --figure-data` (datadir/loss.dat:
# epoch, then one column per run in the order of the program's table; η = 10, column 4, is left out:
# its loss jumps around 10 and would hide the others).
set yrange [0.01:5]
set xlabel "epoch"
set ylabel "training loss L"
set logscale y
set grid
set key right top
plot datadir.'/loss.dat' using 1:2 with lines lw 2 title "gradient descent, η = 0.3", \
     ''                  using 1:3 with lines lw 1 title "gradient descent, η = 1", \
     ''                  using 1:5 with lines lw 2 title "momentum, η = 0.03", \
     ''                  using 1:6 with lines lw 2 title "Adam, η = 0.01"
