# gnuplot script of bench/run: one line per data file, x = documents, log-log.
# Variables from -e: files (space-separated .dat paths, "docs value" rows), out (PNG), ylabel.
set terminal pngcairo size 900,560 noenhanced font ",11"
set output out
set logscale xy
set xlabel "documents"
set ylabel ylabel
set key outside right top
set grid
series(f) = system("basename " . f . " .dat | sed 's/^plot-[a-z0-9]*-//'")
plot for [i = 1:words(files)] word(files, i) using 1:2 with linespoints lw 2 pt 7 title series(word(files, i))
