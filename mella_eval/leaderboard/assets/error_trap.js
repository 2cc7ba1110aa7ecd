(function(){var box=document.getElementById('errors');
function note(t){box.textContent+=String(t)+'\n';}
window.onerror=function(m,s,l,c){note(m+' ('+l+':'+c+')');};
window.addEventListener('unhandledrejection',function(e){note('unhandled rejection: '+e.reason);});
var orig=console.error;console.error=function(){note(Array.prototype.join.call(arguments,' '));
return orig.apply(console,arguments);};})();
