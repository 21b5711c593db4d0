// Redoc pre-renders its side menu with links that are paths (`href="/getting-started"`), while the page's router is
// a hash router: once loaded, a click goes to `#/getting-started`. React keeps a pre-rendered attribute when it
// takes the page over, so those paths stay in the page, and a link opened in a new tab, copied, or followed without
// JavaScript asked the server for /getting-started, which it does not have (404). The build writes each menu
// link in the hash router's own form, which is also what React would render for it.

/** A link of Redoc's router (react-router marks them data-discover) whose href is a path of the site. */
const ROUTER_PATH_LINK = / href="\/([^"]*)"( data-discover="true")/g;

export function menuLinksAsHashRoutes(html: string): string {
  return html.replace(ROUTER_PATH_LINK, ' href="#/$1"$2');
}
