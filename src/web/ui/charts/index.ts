/** Small dependency-free SVG charts with accessible table fallbacks. */
export { BarChart, Histogram, type BarCategory, type BarChartProps } from './bar-chart.tsx';
export { ChartFrame, type ChartSeries } from './chart-frame.tsx';
export { HeatmapTable, type HeatmapTableProps } from './heatmap-table.tsx';
