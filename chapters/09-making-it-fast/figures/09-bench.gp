# Epochs per second of every implementation with one thread, from `ch09 --figure-data` (datadir/bench.dat:
# "name", epochs/s with one thread, with the default threads): the run whose table this page shows. The
# course's own rows in orange.
set terminal svg size 900,420 font 'sans,12' background rgb 'white'
stats datadir.'/bench.dat' using 2 nooutput
set yrange [STATS_records - 0.4 : -0.6]
set xrange [0 : STATS_max * 1.15]
set ytics noenhanced scale 0
set xlabel "epochs per second, one thread (longer is faster)"
set grid xtics
set style fill solid 0.85 noborder
unset key
course(name) = strstrt(name, "course") == 1
plot datadir.'/bench.dat' using ($2 / 2):0:($2 / 2):(0.35):(course(strcol(1)) ? highlight : plain):ytic(1) \
       with boxxyerror lc rgb variable, \
     '' using 2:0:(sprintf(" %.0f", $2)) with labels left
