// Takes docs/dashboard.png: the dashboard of a running harness, every resource up.
// The dashboard is a Blazor Server app, so `chromium --headless --screenshot` captures it before it renders;
// this waits for the resource grid instead. Usage (Debian: apt-get install chromium; npm i puppeteer-core@22):
//   ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true dotnet run --project src/AppHost -- --no-replay &
//   node docs/dashboard-screenshot.js docs/dashboard.png
const puppeteer = require('puppeteer-core');
(async () => {
  const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: 'new', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.setViewport({ width: 1600, height: 820 });
  await page.goto('http://localhost:15100/', { waitUntil: 'networkidle2', timeout: 60000 });
  await page.waitForFunction(() => document.body.innerText.includes('relay') && document.body.innerText.includes('objectstorage'), { timeout: 60000 });
  await new Promise(r => setTimeout(r, 4000));
  await page.screenshot({ path: process.argv[2] });
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
