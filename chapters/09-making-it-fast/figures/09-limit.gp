# Every implementation's epochs per second with one thread as a share of the limit, the fastest possible
# epoch on this processor, from `ch09 --figure-data` (datadir/limit.dat: "name", epochs/s, share; the first
# line is the limit itself): the run whose table this page shows. The course's own rows in orange.
set terminal svg size 900,440 font 'sans,12' background rgb 'white'
stats datadir.'/limit.dat' using 3 nooutput
set yrange [STATS_records - 0.4 : -0.6]
set xrange [0 : 125]
set ytics noenhanced scale 0
set xlabel "share of the fastest possible epoch on this processor, one thread (%; longer is faster)"
set grid xtics
set style fill solid 0.85 noborder
unset key
colour(name) = strstrt(name, "the limit") == 1 ? muted : (strstrt(name, "course") == 1 ? highlight : plain)
plot datadir.'/limit.dat' using ($3 * 50):0:($3 * 50):(0.35):(colour(strcol(1))):ytic(1) \
       with boxxyerror lc rgb variable, \
     '' using ($3 * 100):0:(sprintf(" %.0f %%, %.0f/s", $3 * 100, $2)) with labels left
