// The batch of refs ran out (UNPAIRED_IDLE): restart the socket for a fresh
// batch, which also brings a fresh ADV secret.
function refreshQr() {
  need('WAWebLaunchSocketUtils', 'refreshQR').refreshQR();
}
