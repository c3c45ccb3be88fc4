# The spiral by class, from `ch07 --figure-data` (datadir/spiral.dat: x1, x2, label).
set terminal svg size 520,480 font 'sans,13' background rgb 'white'
set size ratio -1
set xrange [-1.2:1.2]
set yrange [-1.2:1.2]
set xlabel "x1"
set ylabel "x2"
set key outside right top
plot for [k=0:2] datadir.'/spiral.dat' using 1:($3 == k ? $2 : 1/0) with points pt 7 ps 0.3 \
     lc rgb class_colour(k) title sprintf("class %d", k)
