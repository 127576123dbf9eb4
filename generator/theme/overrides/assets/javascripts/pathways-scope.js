// Material's inline head script (partials/javascripts/base.html) as a file, so that no page needs
// 'unsafe-inline'. Material scopes stored preferences to the site's root, which is two folders
// above this script, unless `extra.scope` names another (passed as data-scope).
__md_scope=document.currentScript.dataset.scope?new URL(document.currentScript.dataset.scope,location):new URL("../..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
