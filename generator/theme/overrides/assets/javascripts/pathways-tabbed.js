// Material's inline script after the content (partials/javascripts/content.html) as a file: a
// link to a tab selects that tab.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
