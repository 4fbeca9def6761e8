/** Sum of every series of `metric` (optionally only those with label `label="value"`) in a Prometheus /metrics text. */
export function metricSum(text: string, metric: string, label?: [string, string]): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric) || (line[metric.length] !== '{' && line[metric.length] !== ' ')) continue;
    if (label && !line.includes(`${label[0]}="${label[1]}"`)) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}
