# The 3000 points of the spiral, coloured by class, from `ch03 --figure-data`
# (datadir/spiral.dat: x1, x2, label).
set size ratio -1
set xrange [-1.1:1.1]
set yrange [-1.1:1.1]
set xlabel "x1"
set ylabel "x2"
set grid
set key outside right top
plot for [k=0:2] datadir.'/spiral.dat' using 1:($3 == k ? $2 : 1/0) with points pt 7 ps 0.35 \
     lc rgb class_colour(k) title sprintf("class %d", k)
